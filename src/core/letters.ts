/** An option's letter: 0 is "a". In a module of their own, so the prompts' file takes no more of core. */
export const letter = (i: number): string => String.fromCharCode(97 + i);

/** The option a letter names (either case), or -1. */
export const letterIndex = (key: string): number =>
  /^[a-z]$/i.test(key) ? key.toLowerCase().charCodeAt(0) - 97 : -1;
