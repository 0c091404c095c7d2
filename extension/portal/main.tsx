import { render } from 'preact';
import { App } from './App';
import './portal.css';

render(<App />, document.getElementById('app')!);
