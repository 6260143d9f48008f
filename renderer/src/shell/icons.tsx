// Small line icons drawn inline (nothing is fetched). Decorative: each sits beside a text label.
import type { ReactNode } from 'react';

function Icon({ children }: { children: ReactNode }) {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
      {children}
    </svg>
  );
}

export const LibraryIcon = () => (
  <Icon>
    <path d="M4 4h4v16H4zM10 4h4v16h-4z" />
    <path d="M16.5 5.2l3.8-1 3 15.5-3.8 1z" transform="translate(-2 0)" />
  </Icon>
);

export const ActorIcon = () => (
  <Icon>
    <circle cx="12" cy="8" r="3.5" />
    <path d="M5 20c.8-3.8 3.6-6 7-6s6.2 2.2 7 6" />
  </Icon>
);

export const SourceIcon = () => (
  <Icon>
    <path d="M6 3h9l4 4v14H6z" />
    <path d="M14 3v5h5M9 12h7M9 16h7" />
  </Icon>
);

export const ClaimIcon = () => (
  <Icon>
    <path d="M4 5h16v11H9l-5 4z" />
    <path d="M8 9h8M8 12h5" />
  </Icon>
);

export const NotebookIcon = () => (
  <Icon>
    <path d="M6 3h12v18H6z" />
    <path d="M9 3v18M12 8h4M12 12h4" />
  </Icon>
);

export const UndoIcon = () => (
  <Icon>
    <path d="M9 14L4 9l5-5" />
    <path d="M4 9h10a6 6 0 010 12h-3" />
  </Icon>
);

export const RedoIcon = () => (
  <Icon>
    <path d="M15 14l5-5-5-5" />
    <path d="M20 9H10a6 6 0 000 12h3" />
  </Icon>
);

export const HelpIcon = () => (
  <Icon>
    <circle cx="12" cy="12" r="9" />
    <path d="M9.5 9.5a2.5 2.5 0 115 .2c0 1.8-2.5 2-2.5 4" />
    <path d="M12 17h.01" />
  </Icon>
);

export const ImportIcon = () => (
  <Icon>
    <path d="M12 3v12M7 10l5 5 5-5" />
    <path d="M4 17v3h16v-3" />
  </Icon>
);

export const DossierIcon = () => (
  <Icon>
    <path d="M3 7h7l2 2h9v11H3z" />
    <path d="M7 13h10M7 16.5h6" />
  </Icon>
);

export const SearchIcon = () => (
  <Icon>
    <circle cx="11" cy="11" r="6" />
    <path d="M20 20l-4.5-4.5" />
  </Icon>
);

export const MapIcon = () => (
  <Icon>
    <circle cx="6" cy="7" r="2.5" />
    <circle cx="18" cy="6" r="2.5" />
    <circle cx="12" cy="18" r="2.5" />
    <path d="M8.3 8.2l2.6 7.6M13.4 16l3.6-7.7M8.5 6.8l7-.6" />
  </Icon>
);

export const TimelineIcon = () => (
  <Icon>
    <path d="M3 12h18" />
    <path d="M6 8v8M12 6v12M18 9v6" />
  </Icon>
);
