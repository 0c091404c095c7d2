import { render } from 'preact';
import { App } from './app/App';
import { registerServiceWorker } from './app/service-worker';
import './app/app.css';

const updates = registerServiceWorker();
render(<App updates={updates} />, document.getElementById('app')!);
