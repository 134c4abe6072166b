/**
 * Add, Edit and Settings load after the first screen: a cold popup shows codes or the PIN pad first
 * (issue 11), and its JavaScript budget is 30 KB. They are fetched once the first frame is drawn, so
 * by the time a person clicks they are there; a click before that waits the few ms of the fetch.
 */
import { useEffect, useState } from 'preact/hooks';
import type * as ViewsModule from './views';

export type Views = typeof ViewsModule;

let views: Views | null = null;
let loading: Promise<Views> | null = null;

export function loadViews(): Promise<Views> {
  loading ??= import('./views').then((loaded) => (views = loaded));
  return loading;
}

/** The views once loaded (null before); `wanted` starts the load now, when a view is about to be shown. */
export function useViews(wanted: boolean): Views | null {
  const [, setLoaded] = useState(views);
  useEffect(() => {
    if (views === null && wanted) void loadViews().then(setLoaded);
  }, [wanted]);
  return views;
}
