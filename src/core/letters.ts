/** An option's letter: 0 is "a". In a module of their own, so the prompts' file takes no more of core. */
export const letter = (i: number): string => String.fromCharCode(97 + i);

/** The option a key picks ("b" or "B" -> 1), or -1 when the key is no single letter. */
export const letterIndex = (key: string): number =>
  /^[a-z]$/i.test(key) ? key.toLowerCase().charCodeAt(0) - 97 : -1;
