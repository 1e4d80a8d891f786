/** Small inline SVG icons (markup, not styles, so the CSP allows them); all decorative. */

const svg = (d: string, fill = false) => (
  <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill={fill ? 'currentColor' : 'none'} stroke={fill ? 'none' : 'currentColor'} stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
    <path d={d} />
  </svg>
);

/** The site's mark: a folded newspaper page. */
export const LogoIcon = () => (
  <svg viewBox="0 0 32 32" aria-hidden="true" focusable="false">
    <rect width="32" height="32" rx="8" fill="#1f56d6" />
    <path d="M9 8h10l5 5v11a1 1 0 0 1-1 1H9a1 1 0 0 1-1-1V9a1 1 0 0 1 1-1z" fill="#fff" />
    <path d="M19 8v5h5" fill="#cfdcfa" />
    <path d="M11 16h10M11 19.5h10M11 23h6" stroke="#1f56d6" stroke-width="1.6" stroke-linecap="round" />
  </svg>
);

/** Magnifying glass. */
export const SearchIcon = () => svg('M11 18a7 7 0 1 1 0-14 7 7 0 0 1 0 14zm10 3-5.2-5.2');
/** Three bars: the phone's menu. */
export const MenuIcon = () => svg('M4 7h16M4 12h16M4 17h16');

export const ChevronDownIcon = () => svg('m6 9 6 6 6-6');
/** Upvote triangle. */
export const UpvoteIcon = () => svg('M12 4 3 18h18z', true);
/** Speech bubble. */
export const CommentIcon = () => svg('M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z');
/** Sun (shown in dark mode: switch to light). */
export const SunIcon = () => (
  <span class="icon-sun">{svg('M12 17a5 5 0 1 0 0-10 5 5 0 0 0 0 10zM12 1v2m0 18v2M4.2 4.2l1.4 1.4m12.8 12.8 1.4 1.4M1 12h2m18 0h2M4.2 19.8l1.4-1.4M18.4 5.6l1.4-1.4')}</span>
);
/** Moon (shown in light mode: switch to dark). */
export const MoonIcon = () => <span class="icon-moon">{svg('M21 12.8A9 9 0 1 1 11.2 3a7 7 0 0 0 9.8 9.8z')}</span>;
/** Left arrow. */
export const ArrowLeftIcon = () => svg('M19 12H5m7 7-7-7 7-7');
/** Right arrow. */
export const ArrowRightIcon = () => svg('M5 12h14m-7-7 7 7-7 7');
/** Box with an arrow: an external link. */
export const ExternalIcon = () => svg('M14 3h7v7m0-7L10 14M19 14v5a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2h5');
/** Feed (RSS/Atom) waves. */
export const FeedIcon = () => svg('M4 11a9 9 0 0 1 9 9M4 4a16 16 0 0 1 16 16M5 18.5a.5.5 0 1 0 0 1 .5.5 0 0 0 0-1z');
