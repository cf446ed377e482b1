export { listDevices } from './generated/sdk.gen';
