/**
 * Tests of the newsroom pages: every page parsed by an HTML5 parser and checked on its
 * elements, on both stores ({@code NewsroomPagesContract}), and the hostile texts of the XSS
 * and torture corpora put through every page ({@code HostilePagesContract}). Requests go to the
 * routers as the functions run them ({@code FrontDesk}); no transport, a clock the test moves.
 */
package dev.pressfeed.page;
