"use client";
// Prompts, answers and assistant messages as Markdown (GFM: tables, task lists; fenced code highlighted by
// highlight.js through rehype-highlight: class names only, so the strict CSP holds). Safe by construction:
// react-markdown never renders raw HTML (it stays text) and its URL transform empties `javascript:` and
// other unsafe links; images become links, so a message cannot make the browser fetch anything.
import { memo } from "react";
import ReactMarkdown, { type Components, type Options } from "react-markdown";
import rehypeHighlight from "rehype-highlight";
import remarkBreaks from "remark-breaks";
import remarkGfm from "remark-gfm";
import { CodeBlock } from "./code-block";

/** Past this size Markdown parsing costs more than it gives (pasted files, logs): shown as text. */
const MARKDOWN_MAX_CHARS = 20_000;

const COMPONENTS: Components = {
  a: ({ href, children }) =>
    href ? (
      <a
        href={href}
        target="_blank"
        rel="noopener noreferrer nofollow"
        className="text-blue-700 underline dark:text-blue-400"
      >
        {children}
      </a>
    ) : (
      <span className="underline decoration-dotted">{children}</span>
    ),
  img: ({ src, alt }) =>
    typeof src === "string" && src !== "" ? (
      <a
        href={src}
        target="_blank"
        rel="noopener noreferrer nofollow"
        className="text-blue-700 underline dark:text-blue-400"
      >
        [image: {alt || src}]
      </a>
    ) : (
      <span>[image: {alt}]</span>
    ),
  table: ({ children }) => (
    <div className="max-w-full overflow-x-auto">
      <table>{children}</table>
    </div>
  ),
};

/** Only fences that name their language are highlighted: guessing costs time and guesses wrong. Attached
 * once: react-markdown builds a processor per render, and rehype-highlight's attacher registers every
 * highlight.js language each time it runs (~3 ms per rendered message, most of a `j` press that brings a
 * new turn on screen). */
const highlight = rehypeHighlight({ detect: false });
const REHYPE: Options["rehypePlugins"] = [() => highlight];
/** Line breaks stay line breaks, as in the agent's terminal (plain Markdown would join the lines). */
const REMARK: Options["remarkPlugins"] = [remarkGfm, remarkBreaks];

export const Markdown = memo(function Markdown({ text, testId }: { text: string; testId?: string }) {
  if (text.length > MARKDOWN_MAX_CHARS) return <CodeBlock text={text} testId={testId} />;
  return (
    <div data-testid={testId} className="markdown text-sm [overflow-wrap:anywhere]">
      <ReactMarkdown remarkPlugins={REMARK} rehypePlugins={REHYPE} components={COMPONENTS}>
        {text}
      </ReactMarkdown>
    </div>
  );
});

/** Raw text as the client logged it (the "Raw text" toggle). */
export function RawText({ text, testId }: { text: string; testId?: string }) {
  if (text.length > 4_000) return <CodeBlock text={text} testId={testId} />;
  return (
    <div data-testid={testId} className="text-sm whitespace-pre-wrap [overflow-wrap:anywhere]">
      {text}
    </div>
  );
}

export function RichText({ text, raw, testId }: { text: string; raw: boolean; testId?: string }) {
  return raw ? <RawText text={text} testId={testId} /> : <Markdown text={text} testId={testId} />;
}
