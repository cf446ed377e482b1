import { describe, expect, it } from 'vitest';
import { csvField, csvRecord } from '../src/csv';

describe('csvField', () => {
  it('leaves a plain value as it is', () => {
    expect(csvField('MMD-123456789')).toBe('MMD-123456789');
    expect(csvField('Surface Pro 9')).toBe('Surface Pro 9');
    expect(csvField(16.5)).toBe('16.5');
    expect(csvField(0)).toBe('0');
    expect(csvField(false)).toBe('false');
  });

  it('writes null and undefined as an empty field', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField('')).toBe('');
  });

  it('quotes a field with a comma', () => {
    expect(csvField('Vance, Adele')).toBe('"Vance, Adele"');
  });

  it('quotes a field with a quote and doubles every quote', () => {
    expect(csvField('15" laptop')).toBe('"15"" laptop"');
    expect(csvField('"')).toBe('""""');
    expect(csvField('say "hi", "bye"')).toBe('"say ""hi"", ""bye"""');
  });

  it('quotes a field with a line break, keeping the break', () => {
    expect(csvField('first\nsecond')).toBe('"first\nsecond"');
    expect(csvField('first\r\nsecond')).toBe('"first\r\nsecond"');
    expect(csvField('carriage\rreturn')).toBe('"carriage\rreturn"');
  });

  it('does not quote other characters', () => {
    expect(csvField("O'Brien; Zoë\t—")).toBe("O'Brien; Zoë\t—");
    expect(csvField(' padded ')).toBe(' padded ');
  });
});

describe('csvRecord', () => {
  it('joins the fields with commas and ends the record with CRLF', () => {
    expect(csvRecord(['a', 1, null, 'b'])).toBe('a,1,,b\r\n');
  });

  it('quotes only the fields that need it', () => {
    expect(csvRecord(['MMD-1', 'Vance, Adele', 'said "no"', 'two\nlines', 'plain'])).toBe(
      'MMD-1,"Vance, Adele","said ""no""","two\nlines",plain\r\n',
    );
  });

  it('writes an empty record as a bare line break', () => {
    expect(csvRecord([])).toBe('\r\n');
  });

  it('round-trips through an RFC 4180 reader', () => {
    const values = ['a,b', 'c"d', 'e\r\nf', '', 'g'];
    expect(readCsvRecord(csvRecord(values))).toEqual(values);
  });
});

/** A minimal RFC 4180 reader for one record, to check that what is written reads back the same. */
function readCsvRecord(text: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const character = text[index];
    if (quoted) {
      if (character === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (character === '"') quoted = false;
      else field += character;
    } else if (character === '"') quoted = true;
    else if (character === ',') {
      fields.push(field);
      field = '';
    } else if (character === '\r' && text[index + 1] === '\n') break;
    else field += character;
  }
  fields.push(field);
  return fields;
}
