// A session's user agent as a person names their device: "Firefox on
// Windows". Only the common browsers and systems are told apart; anything
// else keeps its first word, and the full string stays in a tooltip.

const BROWSERS: [RegExp, string][] = [
  // Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari".
  [/\bEdg(e|A|iOS)?\//, 'Edge'],
  [/\bOPR\/|\bOpera\b/, 'Opera'],
  [/\bFirefox\/|\bFxiOS\//, 'Firefox'],
  [/\bHeadlessChrome\//, 'Headless Chrome'],
  [/\bChrom(e|ium)\/|\bCriOS\//, 'Chrome'],
  [/\bSafari\//, 'Safari'],
];

const SYSTEMS: [RegExp, string][] = [
  [/\bAndroid\b/, 'Android'],
  [/\biPhone\b|\biPad\b|\biPod\b/, 'iOS'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b/, 'Linux'],
];

function find(table: [RegExp, string][], ua: string): string | undefined {
  return table.find(([pattern]) => pattern.test(ua))?.[1];
}

/** "Chrome on Linux", "Firefox", "curl", or "Unknown device". */
export function describeUserAgent(ua: string | null | undefined): string {
  const text = ua?.trim() ?? '';
  if (text === '') return 'Unknown device';
  const browser = find(BROWSERS, text);
  const system = find(SYSTEMS, text);
  if (browser && system) return `${browser} on ${system}`;
  const either = browser ?? system;
  if (either) return either;
  // A script or tool: "curl/8.5.0" reads as "curl".
  return text.split(/[\s/]/)[0] || 'Unknown device';
}
