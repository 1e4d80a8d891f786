/** The HTML error page (stub until the page layout lands). */
export function ErrorPage(props: { status: number; message: string }) {
  return (
    <html lang="en">
      <body>
        <h1>{props.status}</h1>
        <p>{props.message}</p>
      </body>
    </html>
  );
}
