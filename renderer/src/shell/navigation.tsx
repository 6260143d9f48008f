// The current route and the one way to change it. Navigating pushes a history entry so
// Back works; opening a passage inside the same article only replaces it.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { formatRoute, parseRoute, sameRoute, type Route } from './route.ts';

export type Navigate = (route: Route, options?: { replace?: boolean }) => void;

interface NavigationValue {
  route: Route;
  navigate: Navigate;
}

const NavigationContext = createContext<NavigationValue | null>(null);

export function NavigationProvider({ defaultView, children }: { defaultView: string; children: ReactNode }) {
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.search, defaultView));
  const current = useRef(route);

  useEffect(() => {
    // Normalise the address once (e.g. the legacy ?article=ID) without adding an entry.
    history.replaceState(null, '', window.location.pathname + formatRoute(route));
    const onPop = () => {
      current.current = parseRoute(window.location.search, defaultView);
      setRoute(current.current);
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
    // Only on mount: later changes go through navigate().
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const navigate = useCallback<Navigate>((next, options) => {
    const from = current.current;
    if (sameRoute(from, next)) return;
    const url = window.location.pathname + formatRoute(next);
    const replace = options?.replace ?? (from.view === next.view && from.id === next.id);
    if (replace) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
    current.current = next;
    setRoute(next);
  }, []);

  const value = useMemo(() => ({ route, navigate }), [route, navigate]);
  return <NavigationContext.Provider value={value}>{children}</NavigationContext.Provider>;
}

function useNavigation(): NavigationValue {
  const value = useContext(NavigationContext);
  if (!value) throw new Error('useNavigation outside NavigationProvider');
  return value;
}

export function useRoute(): Route {
  return useNavigation().route;
}

export function useNavigate(): Navigate {
  return useNavigation().navigate;
}
