/** "14 Mar 2025", in the reader's locale: when a backup was made, when a passkey was added. */
export function formatDate(time: number): string {
  return new Date(time).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}
