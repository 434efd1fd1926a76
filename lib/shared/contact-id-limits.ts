/**
 * GET carries the ids in its URL. 200 UUIDs make a URL of about 7.5 KB, under
 * the 8 KB that every proxy, CDN and Node's default header limit accept (500
 * made 18.5 KB: Node answered a bare 431 before the app ran). Larger batches
 * use POST, whose body has no such limit. The server enforces these and the
 * browser client splits its batches by them.
 */
export const MAX_CONTACT_IDS_PER_GET = 200;
export const MAX_CONTACT_IDS_PER_POST = 1_000;
