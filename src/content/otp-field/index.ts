/** OTP-field detection and filling for the content script (no dependencies, no extension APIs). */
export { findOtpTarget, type FindOptions, type OtpTarget } from './find';
export { fillOtp } from './fill';
export type { OpenShadow } from './collect';
