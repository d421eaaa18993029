/**
 * The reply every accepted camera POST gets (vendor documented). Sent byte for byte: which part
 * the device checks is not known, so nothing is reformatted.
 */
export const SUCCESS_REPLY =
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  '<config version="1.0" xmlns="http://www.ipc.com/ver10">\n' +
  "  <status>success</status>\n" +
  "</config>\n";

export const SUCCESS_REPLY_CONTENT_TYPE = "application/xml; charset=utf-8";
