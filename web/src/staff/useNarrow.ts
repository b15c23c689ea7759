// True on a phone-sized window (the back office folds its toolbars and shows one agenda column).
import { useEffect, useState } from 'preact/hooks';

export const NARROW_QUERY = '(max-width: 700px)';

export function useNarrow(): boolean {
  const mq = typeof matchMedia === 'function' ? matchMedia(NARROW_QUERY) : null;
  const [narrow, setNarrow] = useState(!!mq?.matches);
  useEffect(() => {
    if (!mq) return;
    const on = () => setNarrow(mq.matches);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, []);
  return narrow;
}
