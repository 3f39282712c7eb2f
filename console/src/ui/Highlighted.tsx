// The search's highlights are HTML-escaped text with <em> around matched words. They are
// rendered as text and <mark> elements, never as HTML, so nothing in an article can run.

export function Highlighted({ fragment }: { fragment: string }) {
  const parts = fragment.split(/(<em>.*?<\/em>)/g).filter(Boolean);
  return (
    <>
      {parts.map((part, index) =>
        part.startsWith("<em>") ? <mark key={index}>{unescape(part.slice(4, -5))}</mark> : unescape(part),
      )}
    </>
  );
}

function unescape(text: string): string {
  const element = document.createElement("textarea");
  element.innerHTML = text; // a textarea's content is text: entities decode, nothing executes
  return element.value;
}
