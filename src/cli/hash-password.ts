import { hashPassword } from '../http/passwords.ts';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

export async function hashPasswordCommand(): Promise<number> {
  if (process.stdin.isTTY) process.stderr.write('password (then Ctrl-D): ');
  const password = await readStdin();
  if (password.length < 12) {
    console.error('paxscreen: a password must be at least 12 characters');
    return 2;
  }
  console.log(await hashPassword(password));
  return 0;
}
