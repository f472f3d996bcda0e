/**
 * A multipart/form-data body as bytes plus its content type, for app.inject: built by the
 * platform's own FormData encoder (through Response), so the tests send what a browser sends.
 */
export const multipartBody = async (
  fields: Record<string, string>,
  files: Record<string, { name: string; content: string | Uint8Array<ArrayBuffer> }>,
): Promise<{ payload: Buffer; headers: { "content-type": string } }> => {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const [name, file] of Object.entries(files)) form.append(name, new Blob([file.content]), file.name);
  const response = new Response(form);
  const type = response.headers.get("content-type") ?? "";
  return { payload: Buffer.from(await response.arrayBuffer()), headers: { "content-type": type } };
};
