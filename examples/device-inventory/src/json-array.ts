/**
 * Writes a JSON array piece by piece, one item per line, so a caller can send each page to a file
 * as it arrives and keep none: the pieces of `page` for every page, then `end()`, make one valid
 * JSON array (`[]` when no item came).
 */
export class JsonArrayEncoder {
  #items = 0;

  /** The text that adds these items to the array (the opening bracket before the first). */
  page(items: readonly unknown[]): string {
    let text = '';
    for (const item of items) {
      text += `${this.#items === 0 ? '[\n' : ',\n'}${JSON.stringify(item)}`;
      this.#items++;
    }
    return text;
  }

  /** The text that closes the array. */
  end(): string {
    return this.#items === 0 ? '[]\n' : '\n]\n';
  }
}
