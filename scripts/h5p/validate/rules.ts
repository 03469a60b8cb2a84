/** Archive and h5p.json rules of the H5P validator (H5PValidator::isValidPackage), as data. */

/** H5PCore::$defaultContentWhitelist. */
export const CONTENT_EXTENSIONS = new Set(
  'json png jpg jpeg gif bmp tif tiff eot ttf woff woff2 otf webm mp4 ogg mp3 m4a wav txt pdf rtf doc docx xls xlsx ppt pptx odt ods odp csv diff patch swf md textile vtt webvtt gltf glb'.split(' '),
);
/** H5PCore::$defaultLibraryWhitelistExtras: allowed in library folders only. */
export const LIBRARY_EXTRA_EXTENSIONS = new Set(['js', 'css', 'svg', 'xml']);

export const extensionOf = (name: string) => {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
};

/** Path components starting with `.` or `_` are skipped by the validator (not installed). */
export const isSkippedPath = (name: string) => name.split('/').some((part) => part.startsWith('.') || part.startsWith('_'));

export const LICENSES = new Set(['CC BY', 'CC BY-SA', 'CC BY-ND', 'CC BY-NC', 'CC BY-NC-SA', 'CC BY-NC-ND', 'CC0 1.0', 'GNU GPL', 'PD', 'ODC PDDL', 'CC PDM', 'U', 'C']);
export const LANGUAGE_PATTERN = /^[-a-zA-Z]{1,10}$/;
export const MACHINE_NAME_PATTERN = /^[$a-z_][0-9a-z_.$]{1,254}$/i;
export const LIBRARY_FOLDER_PATTERN = /^[\w0-9\-.]{1,255}$/;
