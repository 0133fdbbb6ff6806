import { join } from "node:path";
import envPaths from "env-paths";

/** This user's folders for k8s-quiz, as the platform names them (XDG on Linux). */
const platform = () => envPaths("k8s-quiz", { suffix: "" });

/** Where settings live: K8S_QUIZ_CONFIG_DIR, else the platform's config dir (XDG_CONFIG_HOME on Linux). */
export function configDirFrom(env: NodeJS.ProcessEnv): string {
  return env.K8S_QUIZ_CONFIG_DIR || platform().config;
}

/**
 * Where progress.db lives: K8S_QUIZ_CONFIG_DIR when set (one folder holds everything), else the
 * platform's data dir (XDG_DATA_HOME on Linux, ~/.local/share/k8s-quiz).
 */
export function progressDirFrom(env: NodeJS.ProcessEnv): string {
  return env.K8S_QUIZ_CONFIG_DIR || platform().data;
}

/**
 * Where rebuildable caches go (deck indexes, Node's compile cache): inside K8S_QUIZ_CONFIG_DIR when
 * that is set, so one folder holds everything, else the platform's cache dir (XDG_CACHE_HOME).
 */
export function cacheDirFrom(env: NodeJS.ProcessEnv): string {
  return env.K8S_QUIZ_CONFIG_DIR ? join(env.K8S_QUIZ_CONFIG_DIR, "cache") : platform().cache;
}

/** The one small file `daily --hook` decides from: the day whose question the hook last showed. */
export function hookStampFile(configDir: string): string {
  return join(configDir, "hook-shown");
}
