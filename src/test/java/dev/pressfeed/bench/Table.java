package dev.pressfeed.bench;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with aligned columns, readable in a terminal and pastable as Markdown. */
final class Table {

  private Table() {}

  static void print(List<String> header, List<String[]> rows) {
    int[] width = new int[header.size()];
    List<String[]> all = new ArrayList<>();
    all.add(header.toArray(String[]::new));
    all.addAll(rows);
    for (String[] row : all) {
      for (int i = 0; i < row.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    print(all.get(0), width);
    StringBuilder rule = new StringBuilder("|");
    for (int w : width) {
      rule.append('-').append("-".repeat(w)).append("-|");
    }
    System.out.println(rule);
    for (String[] row : rows) {
      print(row, width);
    }
  }

  private static void print(String[] row, int[] width) {
    StringBuilder line = new StringBuilder("|");
    for (int i = 0; i < row.length; i++) {
      // Text left, figures right, as a reader compares them.
      boolean figure = !row[i].isEmpty() && (Character.isDigit(row[i].charAt(0)) || row[i].charAt(0) == '-');
      String cell = figure ? " ".repeat(width[i] - row[i].length()) + row[i]
          : row[i] + " ".repeat(width[i] - row[i].length());
      line.append(' ').append(cell).append(" |");
    }
    System.out.println(line);
  }
}
