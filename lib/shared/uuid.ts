/**
 * The one UUID pattern (any version, either case), as the source the others
 * are built from: ids in paths, query strings, channel names and cursors.
 */
export const UUID_SOURCE = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

export const UUID_PATTERN = new RegExp(`^${UUID_SOURCE}$`, "i");

export const isUuid = (value: string) => UUID_PATTERN.test(value);
