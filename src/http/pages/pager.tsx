/** Previous / next page links around "Page N of M", for any paged list; nothing on a single page. */
import { ArrowLeftIcon, ArrowRightIcon } from './icons.tsx';

export function Pager(props: { page: number; pages: number; href: (page: number) => string }) {
  const { page, pages } = props;
  if (pages <= 1) return null;
  return (
    <nav class="pager" aria-label="Pages">
      {page > 1 ? (
        <a class="nav-btn" rel="prev" href={props.href(page - 1)}>
          <ArrowLeftIcon /> Previous page
        </a>
      ) : (
        <span />
      )}
      <span>
        Page {page} of {pages}
      </span>
      {page < pages ? (
        <a class="nav-btn" rel="next" href={props.href(page + 1)}>
          Next page <ArrowRightIcon />
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}
