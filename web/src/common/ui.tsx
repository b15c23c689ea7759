// Small shared widgets: modal dialog, error box, language switch, labelled fields.
import { cloneElement, isValidElement, type ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { setLang, t, useLang } from './i18n';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog (WAI-ARIA dialog pattern): focus moves into it, Tab and Shift+Tab stay inside it, Escape
 * closes it, and focus returns to what had it before (the block or button that opened it).
 */
export function Modal(props: {
  title: string;
  onClose: () => void;
  children: ComponentChildren;
  testid?: string;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const close = useRef(props.onClose);
  close.current = props.onClose;
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    const onKey = (e: KeyboardEvent) => {
      // Only the topmost dialog answers (a confirmation may open over a form).
      const dialogs = document.querySelectorAll('.modal');
      if (dialogs[dialogs.length - 1] !== ref.current) return;
      if (e.key === 'Escape') {
        e.stopPropagation();
        close.current();
      } else if (e.key === 'Tab' && ref.current) {
        const all = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null);
        if (!all.length) return;
        const first = all[0];
        const last = all[all.length - 1];
        const inside = ref.current.contains(document.activeElement);
        if (e.shiftKey && (document.activeElement === first || !inside)) {
          e.preventDefault();
          last.focus();
        } else if (!e.shiftKey && (document.activeElement === last || !inside)) {
          e.preventDefault();
          first.focus();
        }
      }
    };
    window.addEventListener('keydown', onKey);
    const first = ref.current?.querySelector<HTMLElement>('input, select, textarea, button:not(.modal-close)');
    (first ?? ref.current)?.focus();
    return () => {
      window.removeEventListener('keydown', onKey);
      // Give focus back to the opener if it is still on the page (a reload may have replaced it).
      if (opener && document.contains(opener)) opener.focus();
    };
  }, []);
  return (
    <div class="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && props.onClose()}>
      <div
        class={'modal' + (props.wide ? ' modal-wide' : '')}
        role="dialog"
        aria-modal="true"
        aria-label={props.title}
        data-testid={props.testid}
        tabIndex={-1}
        ref={ref}
      >
        <div class="modal-head">
          <h2>{props.title}</h2>
          <button type="button" class="modal-close" aria-label={t('common.close')} onClick={props.onClose}>
            ×
          </button>
        </div>
        <div class="modal-body">{props.children}</div>
      </div>
    </div>
  );
}

export function ErrorBox(props: { error?: string | null; testid?: string }) {
  if (!props.error) return null;
  return (
    <div class="error" role="alert" data-testid={props.testid ?? 'error'}>
      {props.error}
    </div>
  );
}

export function Notice(props: { text?: string | null; testid?: string }) {
  if (!props.text) return null;
  return (
    <div class="notice" role="status" data-testid={props.testid ?? 'notice'}>
      {props.text}
    </div>
  );
}

export function LangSwitch() {
  const lang = useLang();
  return (
    <button
      type="button"
      class="lang-switch"
      data-testid="lang-switch"
      aria-label={t('common.language')}
      onClick={() => setLang(lang === 'fr' ? 'en' : 'fr')}
    >
      {lang === 'fr' ? 'EN' : 'FR'}
    </button>
  );
}

let idSeq = 0;
export function useId(prefix = 'f'): string {
  const r = useRef<string>();
  if (!r.current) r.current = `${prefix}-${++idSeq}`;
  return r.current;
}

/**
 * A labelled field. With `error`, the control is marked aria-invalid, described by the message shown
 * under it (the server's message for the field it names, or a check made before sending).
 */
export function Field(props: {
  label: string;
  children: (id: string) => ComponentChildren;
  class?: string;
  error?: string | null;
  /** Marked invalid without a message of its own (e.g. the time beside an invalid date). */
  invalid?: boolean;
}) {
  const id = useId();
  const invalid = !!props.error || !!props.invalid;
  let control = props.children(id);
  if (invalid && isValidElement(control))
    control = cloneElement(control, props.error ? { 'aria-invalid': 'true', 'aria-describedby': `${id}-err` } : { 'aria-invalid': 'true' });
  return (
    <div class={'field ' + (props.class ?? '') + (invalid ? ' invalid' : '')}>
      <label for={id}>{props.label}</label>
      {control}
      {props.error && <FieldMessage id={`${id}-err`} text={props.error} />}
    </div>
  );
}

/** The message beside an invalid control (its aria-describedby target). */
export function FieldMessage(props: { id?: string; text?: string | null }) {
  if (!props.text) return null;
  return (
    <span class="field-error" id={props.id} data-testid="field-error">
      {props.text}
    </span>
  );
}

export function Check(props: {
  label: string;
  checked: boolean;
  onChange: (v: boolean) => void;
  testid?: string;
  disabled?: boolean;
}) {
  return (
    <label class="check">
      <input
        type="checkbox"
        checked={props.checked}
        disabled={props.disabled}
        data-testid={props.testid}
        onChange={(e) => props.onChange((e.currentTarget as HTMLInputElement).checked)}
      />
      <span>{props.label}</span>
    </label>
  );
}

export const val = (e: Event) => (e.currentTarget as HTMLInputElement).value;
export const num = (e: Event) => {
  const v = (e.currentTarget as HTMLInputElement).value;
  return v === '' ? 0 : Number(v);
};
export const centsFromInput = (s: string) => Math.round(Number(s.replace(',', '.') || '0') * 100);
export const inputFromCents = (c?: number | null) => (c === null || c === undefined ? '' : (c / 100).toFixed(2));

export { fullName } from './names';
