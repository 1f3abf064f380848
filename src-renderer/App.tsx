/** The application shell; the board, journey view and canvas mount here. */
export function App() {
  return (
    <main
      style={{
        fontFamily: 'system-ui, sans-serif',
        padding: 32,
        color: '#1f2933',
      }}
    >
      <h1 style={{ fontSize: 22, margin: 0 }}>Embark</h1>
      <p>
        Journeys, clients and playbooks are managed with the <code>embark</code>{' '}
        command for now; run <code>npm run -s embark -- --help</code> in the
        checkout.
      </p>
    </main>
  );
}
