/** Output kept per command line in the history: enough to read a diagnosis, not a whole log file. */
export const MAX_RECORDED_OUTPUT = 4_000;
const MAX_RECORDED_COMMAND = 1_000;

export interface RecordedCommand {
  command: string;
  output: string;
  truncated: boolean;
}

// CSI (colours, cursor moves, bracketed paste), OSC (window titles) and lone escapes
// biome-ignore lint/suspicious/noControlCharactersInRegex: terminal output is made of control sequences
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;

/** Terminal bytes as readable text: escape sequences removed, carriage returns folded. */
export function plainText(raw: string): string {
  return (
    raw
      .replace(ANSI, '')
      .replace(/\r\n/g, '\n')
      .replace(/\r/g, '\n')
      // other control characters (bell, backspace echo) except newline and tab
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
  );
}

/**
 * Turns a terminal's keystrokes and output into "command line + its output" records.
 * A command line ends with Enter (CR) in the technician's input; its output is what the workstation
 * prints until the next Enter. Editing keys are applied (backspace), other control sequences dropped:
 * the record is what was typed, for the history, not a byte-exact replay.
 */
export class TerminalRecorder {
  private line = '';
  private pending: { command: string; output: string } | null = null;

  /** Keystrokes from the technician; returns the record of the previous command when a new one starts. */
  input(data: string): RecordedCommand[] {
    const done: RecordedCommand[] = [];
    for (const ch of data.replace(ANSI, '')) {
      if (ch === '\r' || ch === '\n') {
        const previous = this.takePending();
        if (previous) done.push(previous);
        this.pending = { command: this.line.slice(0, MAX_RECORDED_COMMAND), output: '' };
        this.line = '';
      } else if (ch === '\u007f' || ch === '\b') {
        this.line = this.line.slice(0, -1);
      } else if (ch === '\u0003') {
        this.line += '^C';
      } else if (ch >= ' ') {
        this.line += ch;
      }
    }
    return done;
  }

  /** Output of the workstation, attributed to the command being run. */
  output(data: string): void {
    if (!this.pending) return;
    // keep a little more than the limit raw: escape sequences shrink once removed
    if (this.pending.output.length < MAX_RECORDED_OUTPUT * 4) this.pending.output += data;
  }

  /** The command being run with the output so far (the session ends, or the output went quiet). */
  flush(): RecordedCommand | null {
    return this.takePending();
  }

  private takePending(): RecordedCommand | null {
    const p = this.pending;
    this.pending = null;
    if (!p) return null;
    let output = plainText(p.output);
    // the output ends with the shell's next prompt, a line without its newline: not part of the output
    if (!output.endsWith('\n')) output = output.slice(0, output.lastIndexOf('\n') + 1);
    // a terminal echoes the command line: drop the echo so the record reads "command, then output"
    const echo = output.indexOf(p.command);
    if (p.command && echo !== -1 && echo < 200) output = output.slice(echo + p.command.length);
    output = output.replace(/^\n+/, '').trimEnd();
    const truncated = output.length > MAX_RECORDED_OUTPUT;
    return {
      command: p.command,
      output: truncated ? output.slice(0, MAX_RECORDED_OUTPUT) : output,
      truncated,
    };
  }
}

/** Truncates a diagnostic's output for the history. */
export function recordedOutput(raw: string): { output: string; truncated: boolean } {
  const text = plainText(raw).trimEnd();
  return text.length > MAX_RECORDED_OUTPUT
    ? { output: text.slice(0, MAX_RECORDED_OUTPUT), truncated: true }
    : { output: text, truncated: false };
}
