import { render } from 'preact';
import { App } from './app/App';
import { openLaunchInbox } from './app/launch/launch-inbox';
import { registerServiceWorker } from './app/service-worker';
import './app/app.css';

// First: a link in the address's fragment leaves the address bar before anything else runs.
const launches = openLaunchInbox();
const updates = registerServiceWorker();
render(<App updates={updates} launches={launches} />, document.getElementById('app')!);
