import { THEME_CHOICES, useThemeChoice, type ThemeChoice } from '../../theme';
import { BankSettings } from './BankSettings';
import { SecuritySettings } from './SecuritySettings';
import { useScrollToSection } from './useScrollToSection';

const LABELS: Record<ThemeChoice, { label: string; hint: string }> = {
  system: { label: 'System', hint: 'Follow your computer’s light or dark setting' },
  light: { label: 'Light', hint: 'Always light' },
  dark: { label: 'Dark', hint: 'Always dark' },
};

export function SettingsPage() {
  const [theme, setTheme] = useThemeChoice();
  useScrollToSection();
  return (
    <section className="page" aria-labelledby="settings-title">
      <div className="page__header">
        <h1 id="settings-title">Settings</h1>
      </div>
      <fieldset className="card settings-group">
        <legend className="settings-group__title">Theme</legend>
        {THEME_CHOICES.map((choice) => (
          <label key={choice} className="radio-card">
            <input
              type="radio"
              name="theme"
              value={choice}
              checked={theme === choice}
              // Named by the short label alone: the hints mention "light" and "dark" too.
              aria-labelledby={`theme-${choice}-label`}
              aria-describedby={`theme-${choice}-hint`}
              onChange={() => setTheme(choice)}
            />
            <span className="radio-card__label" id={`theme-${choice}-label`}>
              {LABELS[choice].label}
            </span>
            <span className="radio-card__hint" id={`theme-${choice}-hint`}>
              {LABELS[choice].hint}
            </span>
          </label>
        ))}
      </fieldset>
      <SecuritySettings />
      <BankSettings />
    </section>
  );
}
