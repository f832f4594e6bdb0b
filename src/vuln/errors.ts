/** Bad advisory data, SBOM or VEX input: the CLI prints the message as one line and exits 2. */
export class VulnInputError extends Error {
  override name = "VulnInputError";
}
