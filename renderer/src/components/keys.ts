// Keys in the pick lists (usePickList: the Combobox, RecordPicker, the command palette). An
// input method (Urdu, Persian, Chinese, Japanese typing) uses Enter to commit what is being
// composed: that Enter belongs to the input method, never to the list. Browsers mark it with
// isComposing, and some (Safari) only with the legacy keyCode 229. Still ours with React Aria:
// its lists leave the field's keys (Enter, the arrows) to the field, and where it does read
// keys it checks isComposing only, not keyCode 229.
import type { KeyboardEvent } from 'react';

export function isComposing(event: KeyboardEvent): boolean {
  return event.nativeEvent.isComposing || event.keyCode === 229;
}
