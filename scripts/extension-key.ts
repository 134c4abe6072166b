/** Public key for test builds only: it fixes the extension id so tests can open its pages. No private key exists. */
export const TEST_MANIFEST_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAn0elAHSt4TnGk3zbl5kkRtm/j0XQ71D96tb4bVQ0YwuFO6CljQUz8KmyEBVDZKeXylOuVOPRCtcX+qdm/xLC5fGti62VfB1EsypbcRKVMjvpuuUYYzJW4v/MRGb+mhG+BOIO2y2ZlR0axbJ3W0asK8NQe0Xry3QQ4jJEtbLaynTpKuMYQE7RjbvuQEyGaZlvBRaRWeavubRrYfoZk3T9vsUWriuMkV8uiplfnVUpNdkWMBVOFl44kqLL8ckbblFAOOFWv6Im0ls4fD1YPn1EkaWShse8o4acf5Vm47zFzfs4hrhTVEbIAt8RrdH5aCOjjb7ws+j5+5o6rbIB2RlqzQIDAQAB';

/** The id Chromium derives from TEST_MANIFEST_KEY (first 128 bits of its SHA-256, hex digits mapped to a–p). */
export const TEST_EXTENSION_ID = 'lobokkdliegogheaenhmbeogjimongej';
