import { describe, expect, it } from 'vitest';
import { MAX_RECORDED_OUTPUT, plainText, recordedOutput, TerminalRecorder } from './terminal-recorder.js';

describe('TerminalRecorder', () => {
  it('pairs each command line with its output, without the echo and escape sequences', () => {
    const r = new TerminalRecorder();
    expect(r.input('ls -l\r')).toEqual([]);
    r.output('ls -l\r\n\u001b[?2004l\u001b[01;34mdocs\u001b[0m\r\n\u001b[?2004h$ ');
    const [first] = r.input('pwd\r');
    expect(first).toEqual({ command: 'ls -l', output: 'docs', truncated: false });
    r.output('pwd\r\n/home/agent\r\n$ ');
    expect(r.flush()).toEqual({ command: 'pwd', output: '/home/agent', truncated: false });
    expect(r.flush()).toBeNull();
  });

  it('applies backspace and keeps Ctrl+C visible', () => {
    const r = new TerminalRecorder();
    r.input('pingg\u007f 10.0.0.1\u0003\r');
    expect(r.flush()?.command).toBe('ping 10.0.0.1^C');
  });

  it('truncates long output', () => {
    const r = new TerminalRecorder();
    r.input('yes\r');
    r.output('y\n'.repeat(MAX_RECORDED_OUTPUT));
    const done = r.flush();
    expect(done?.truncated).toBe(true);
    expect(done?.output.length).toBe(MAX_RECORDED_OUTPUT);
    expect(recordedOutput('x'.repeat(MAX_RECORDED_OUTPUT + 1)).truncated).toBe(true);
  });

  it('strips OSC titles and control characters', () => {
    expect(plainText('\u001b]0;user@host\u0007ok\u0007\r\n')).toBe('ok\n');
  });
});
