import browser from 'webextension-polyfill';

/** Where the portal lives inside the extension. */
export const PORTAL_PATH = 'extension/portal/index.html';

// The toolbar button opens the portal; if a portal tab is already open, focus it
// instead of piling up tabs.
browser.action.onClicked.addListener(async () => {
  const url = browser.runtime.getURL(PORTAL_PATH);
  const [existing] = await browser.tabs.query({ url });
  if (existing?.id !== undefined) {
    await browser.tabs.update(existing.id, { active: true });
    if (existing.windowId !== undefined) await browser.windows.update(existing.windowId, { focused: true });
    return;
  }
  await browser.tabs.create({ url });
});
