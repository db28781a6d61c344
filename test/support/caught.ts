// The error a call fails with, for assertions on its type and wording; a call that succeeds fails the test.
export async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}
