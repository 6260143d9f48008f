// The help sheet: what the colours mean and every keyboard shortcut (from shortcuts.ts).
import { CREDIBILITY_GRADES, RELIABILITY_GRADES } from '../../../common/api/methods/annotations.ts';
import { useApi } from '../api/ApiProvider.tsx';
import { Dialog } from '../components/Dialog.tsx';
import { KIND_LABELS } from '../state/annotations.ts';
import { useNavigate } from './navigation.tsx';
import { useServices } from './services.tsx';
import { SHORTCUT_GROUPS } from './shortcuts.ts';
import { setWelcomeShown } from './Welcome.tsx';
import { AuthorSetting } from './AuthorSetting.tsx';
import { setThemeChoice, THEME_CHOICES, useThemeChoice } from './theme.ts';

export function HelpSheet({ onClose }: { onClose(): void }) {
  const navigate = useNavigate();
  const { reportError } = useServices();
  const api = useApi();
  const showWelcome = () => {
    onClose();
    // The welcome lives in the library view's reading pane, with no article open.
    navigate({ view: 'library' });
    setWelcomeShown(api, true).catch((e: unknown) => reportError(e, 'Could not show the welcome'));
  };
  return (
    <Dialog title="Keyboard shortcuts and help" onClose={onClose} className="help-sheet">
      <div className="help-columns">
        <div>
          {SHORTCUT_GROUPS.map((group) => (
            <section key={group.title}>
              <h3>{group.title}</h3>
              <dl className="shortcut-list">
                {group.shortcuts.map((s) => (
                  <div key={s.description} className="shortcut">
                    <dt>
                      {s.keys.map((k, i) => (
                        <kbd key={i}>{k}</kbd>
                      ))}
                    </dt>
                    <dd>{s.description}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
        <div>
          <AuthorSetting />
          <ThemeSwitch />
          <section>
            <h3>Getting started</h3>
            <p className="hint">Three steps on highlighting and tagging, shown when a library starts with the sample articles.</p>
            <button type="button" className="button" onClick={showWelcome}>
              Show the welcome
            </button>
          </section>
          <section>
            <h3>Highlight colours</h3>
            <ul className="legend vertical">
              {(['claim', 'actor', 'source', 'highlight'] as const).map((k) => (
                <li key={k} className={`legend-item kind-${k}`}>
                  <span className="swatch" aria-hidden="true" />
                  {KIND_LABELS[k]}
                </li>
              ))}
            </ul>
            <p className="hint">Where highlights overlap (an actor inside a claim), the inner one is filled and the outer one underlines it. Click again to reach the outer one.</p>
          </section>
          <section>
            <h3>Source reliability (Admiralty scale)</h3>
            <dl className="grade-list">
              {Object.entries(RELIABILITY_GRADES).map(([g, meaning]) => (
                <div key={g}>
                  <dt>{g}</dt>
                  <dd>{meaning}</dd>
                </div>
              ))}
            </dl>
          </section>
          <section>
            <h3>Claim credibility</h3>
            <dl className="grade-list">
              {Object.entries(CREDIBILITY_GRADES).map(([g, meaning]) => (
                <div key={g}>
                  <dt>{g}</dt>
                  <dd>{meaning}</dd>
                </div>
              ))}
            </dl>
          </section>
        </div>
      </div>
    </Dialog>
  );
}

/** System / Light / Dark, applied at once and kept on this machine. */
function ThemeSwitch() {
  const choice = useThemeChoice();
  return (
    <section>
      <h3 id="theme-heading">Appearance</h3>
      <div className="segmented" role="radiogroup" aria-labelledby="theme-heading">
        {THEME_CHOICES.map((t) => (
          <label key={t.value} className={`segment${t.value === choice ? ' checked' : ''}`}>
            <input type="radio" name="theme" value={t.value} checked={t.value === choice} onChange={() => setThemeChoice(t.value)} />
            {t.label}
          </label>
        ))}
      </div>
    </section>
  );
}
