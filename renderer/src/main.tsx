import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { ApiProvider } from './api/ApiProvider.tsx';
import { api } from './api/client.ts';
import { bridgeMissing } from './api/transports.ts';
import { StartupFailure } from './shell/StartupFailure.tsx';
import { startTheme } from './shell/theme.ts';
import './styles.css';

startTheme();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {bridgeMissing() ? (
      <StartupFailure />
    ) : (
      <ApiProvider client={api}>
        <App />
      </ApiProvider>
    )}
  </StrictMode>,
);
