/** One page of a cursor-paginated list. */
export interface Page<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  /** Pass as `starting_after` to get the next page; null on the last one. */
  next_cursor: string | null;
}

/** Fetches the page after `cursor`, or the first page when it is undefined. */
export type PageFetcher<T> = (cursor: string | undefined) => Promise<Page<T>>;

/**
 * The result of a `list` call. `await` it for the first page, or `for await` over it for every
 * item of every page; each further page is requested only when the loop reaches it.
 * Nothing is sent until one of the two happens.
 */
export class PagePromise<T> implements PromiseLike<Page<T>>, AsyncIterable<T> {
  readonly #fetchPage: PageFetcher<T>;
  #firstPage: Promise<Page<T>> | undefined;

  constructor(fetchPage: PageFetcher<T>) {
    this.#fetchPage = fetchPage;
  }

  get [Symbol.toStringTag](): string {
    return 'PagePromise';
  }

  #first(): Promise<Page<T>> {
    this.#firstPage ??= this.#fetchPage(undefined);
    return this.#firstPage;
  }

  // biome-ignore lint/suspicious/noThenProperty: being awaitable is the point of this class.
  then<R1 = Page<T>, R2 = never>(
    onFulfilled?: ((page: Page<T>) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#first().then(onFulfilled, onRejected);
  }

  catch<R = never>(onRejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<Page<T> | R> {
    return this.#first().catch(onRejected);
  }

  finally(onFinally?: (() => void) | null): Promise<Page<T>> {
    return this.#first().finally(onFinally);
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    let page = await this.#first();
    for (;;) {
      yield* page.data;
      const cursor = page.next_cursor;
      if (!page.has_more || cursor === null) return;
      page = await this.#fetchPage(cursor);
    }
  }
}
