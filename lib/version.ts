// tracemark's own version (package.json), written into exports, cards and OTLP resources.
import packageJson from "../package.json";

export const TRACEMARK_VERSION: string = packageJson.version;
