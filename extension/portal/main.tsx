/** The portal page's entry: the domain on the browser's IndexedDB, and the shell. */
import { render } from 'preact';
import { createPortal } from '../../shared/portal';
import { App } from './App';
import './portal.css';
import './admin-pages.css';

render(<App api={createPortal()} />, document.getElementById('app')!);
