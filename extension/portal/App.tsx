/** The portal's shell: the header every page shares and the page in view. */
export function App() {
  return (
    <>
      <header class="topbar">
        <span class="brand">Acme MSP Portal</span>
      </header>
      <main id="main">
        <h1>Sign in</h1>
        <p>The reseller portal for Acme MSP.</p>
      </main>
    </>
  );
}
