/**
 * A problem with one row (usually one field of it). Builders throw it so that mapping code reads
 * straight through; the reader catches it and yields a RejectedRow naming the field.
 */
export class RowProblem extends Error {
  readonly field: string | undefined;

  constructor(field: string | undefined, message: string) {
    super(message);
    this.name = "RowProblem";
    this.field = field;
  }
}
