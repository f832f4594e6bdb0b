/** Bad or hostile image input: the message names the archive entry, layer or field. */
export class ImageError extends Error {
  override name = "ImageError";
}

/** A registry refused or failed a request; the message names the status and the URL (never credentials). */
export class RegistryError extends Error {
  override name = "RegistryError";
}
