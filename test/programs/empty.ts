/** A program that declares nothing: every resource removed. */
export {};
