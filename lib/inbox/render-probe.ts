// A test hook, not a feature: tests set `onRowRender` to count which sidebar
// rows rendered, proving a badge change re-renders one row and not the list.
// It stays null in the app, where the call costs one null check per render.
export const renderProbe: { onRowRender: ((contactId: string) => void) | null } = { onRowRender: null };
