// Entry point of the window: finds the bridge the preload exposed and renders the app into #app.
import { render } from 'preact';
import { App } from './app';
import { getBridge } from './state/bridge';
import './styles.css';

const root = document.getElementById('app');
const bridge = getBridge();
if (root) {
  if (bridge) {
    render(<App bridge={bridge} />, root);
  } else {
    root.textContent = 'This window must be opened by Rodin Tray (the app bridge is missing).';
  }
}
