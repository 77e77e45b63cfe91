/** Accepted attachments: documents, images, archives and logs a service desk exchanges. */
const allowed: Record<string, readonly string[]> = {
  pdf: ['application/pdf'],
  png: ['image/png'],
  jpg: ['image/jpeg'],
  jpeg: ['image/jpeg'],
  gif: ['image/gif'],
  webp: ['image/webp'],
  txt: ['text/plain'],
  log: ['text/plain', 'application/octet-stream'],
  csv: ['text/csv', 'text/plain', 'application/vnd.ms-excel'],
  eml: ['message/rfc822'],
  zip: ['application/zip', 'application/x-zip-compressed'],
  docx: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  xlsx: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  pptx: ['application/vnd.openxmlformats-officedocument.presentationml.presentation'],
  odt: ['application/vnd.oasis.opendocument.text'],
  ods: ['application/vnd.oasis.opendocument.spreadsheet'],
  webm: ['video/webm'],
};

export const allowedExtensions = Object.keys(allowed);

export function isAllowedUpload(fileName: string, contentType: string): boolean {
  const ext = fileName.split('.').pop()?.toLowerCase() ?? '';
  return allowed[ext]?.includes(contentType.split(';')[0]?.trim().toLowerCase() ?? '') ?? false;
}
