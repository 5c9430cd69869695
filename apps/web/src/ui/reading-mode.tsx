import { useEffect, useState } from 'react';

/** 适老化: the elderly-friendly reading mode (larger type and spacing, a shorter menu), kept on this device. */
const KEY = 'gongkai.reading-mode';

const stored = (): boolean => {
  try {
    return globalThis.localStorage?.getItem(KEY) === 'elder';
  } catch {
    return false;
  }
};

const apply = (elder: boolean) => {
  if (elder) document.documentElement.dataset.mode = 'elder';
  else delete document.documentElement.dataset.mode;
};

/** Before the first render: the page opens in the mode chosen last time, without a flash of the other. */
export function applyStoredReadingMode(): void {
  apply(stored());
}

/** The switch in the header: a toggle button (aria-pressed), remembered across visits. */
export function ReadingModeToggle() {
  const [elder, setElder] = useState(stored);
  useEffect(() => {
    apply(elder);
    try {
      if (elder) localStorage.setItem(KEY, 'elder');
      else localStorage.removeItem(KEY);
    } catch {
      // private mode without storage: the choice lasts for this page only
    }
  }, [elder]);
  return (
    <button type="button" className="link-button reading-mode" aria-pressed={elder} onClick={() => setElder((on) => !on)}>
      长辈模式{elder ? '（已开启）' : ''}
    </button>
  );
}
