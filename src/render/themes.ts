/** Colour themes for diagrams. Exception paths are warm (orange-red) in both. */
export interface Theme {
  background: string;
  text: string;
  muted: string;
  link: string;
  stroke: string;
  edge: string;
  exception: string;
  lane: string;
  laneAlt: string;
  laneHeader: string;
  laneBorder: string;
  taskFill: string;
  approvalFill: string;
  approvalMark: string;
  gatewayFill: string;
  startFill: string;
  endFill: string;
  slaFill: string;
  highlight: Record<'added' | 'removed' | 'changed', string>;
  highlightFill: Record<'added' | 'removed' | 'changed', string>;
}

export const THEMES: Record<'light' | 'dark', Theme> = {
  light: {
    background: '#ffffff',
    text: '#1f2328',
    muted: '#57606a',
    link: '#0969da',
    stroke: '#3d4852',
    edge: '#4b5563',
    exception: '#c2410c',
    lane: '#f8fafc',
    laneAlt: '#eef2f7',
    laneHeader: '#dde5ee',
    laneBorder: '#b6c2cf',
    taskFill: '#ffffff',
    approvalFill: '#fff8e6',
    approvalMark: '#1a7f37',
    gatewayFill: '#fff4cc',
    startFill: '#dcfce7',
    endFill: '#fde2e2',
    slaFill: '#fff1e6',
    highlight: { added: '#1a7f37', removed: '#cf222e', changed: '#bf8700' },
    highlightFill: { added: '#dafbe1', removed: '#ffebe9', changed: '#fff8c5' },
  },
  dark: {
    background: '#0d1117',
    text: '#e6edf3',
    muted: '#9da7b3',
    link: '#58a6ff',
    stroke: '#c9d1d9',
    edge: '#8b949e',
    exception: '#f0883e',
    lane: '#161b22',
    laneAlt: '#1c222b',
    laneHeader: '#21262d',
    laneBorder: '#30363d',
    taskFill: '#1f2630',
    approvalFill: '#2a2414',
    approvalMark: '#3fb950',
    gatewayFill: '#2d2a12',
    startFill: '#12361f',
    endFill: '#3d1618',
    slaFill: '#3a2214',
    highlight: { added: '#3fb950', removed: '#f85149', changed: '#d29922' },
    highlightFill: { added: '#12361f', removed: '#3d1618', changed: '#3a2f0b' },
  },
};

export const THEME_NAMES = ['light', 'dark'] as const;
