package dev.pressfeed.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.api.client.AWSLambda;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.utilslite.SdkInternalThreadLocal;

/**
 * How the managed java21 runtime starts a function, for the runtime test
 * ({@link LambdaRuntimeIT}) and the benchmark kit alike: one JVM running the AWS Lambda runtime
 * interface client, JVM options and environment as Lambda sets them, pointed at a
 * {@link RuntimeApiStandIn}. The function's package is unpacked into the task root, as Lambda
 * unpacks a zip into {@code /var/task} (and as the {@code Makefile} lays it out for
 * {@code sam build}): the client loads the handler from there with its own class loader, and
 * the JVM's class path holds only the runtime's jars.
 */
public final class ManagedRuntime {

  /** What {@code mvn package} builds for Lambda. */
  public static final Path LAMBDA_PACKAGE = Path.of("target", "pressfeed-lambda.jar");
  /**
   * The options the java17/java21 runtimes start the JVM with; the template's
   * {@code JAVA_TOOL_OPTIONS} come on top through the environment.
   */
  public static final List<String> JVM_OPTIONS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1");

  private ManagedRuntime() {}

  /**
   * The runtime interface client and the jars it needs, as resolved for this build (the
   * managed runtime has its own copies in /var/runtime). The serialisation library is the
   * project's 1.4.1 (the local gateway's dependency), which Maven picks over the 1.2.0 the
   * runtime client's pom asks for.
   */
  public static List<Path> runtimeClientJars() {
    List<Path> jars = new ArrayList<>();
    for (Class<?> type : List.of(AWSLambda.class, Context.class, PojoSerializer.class,
        SdkInternalThreadLocal.class)) {
      jars.add(jarOf(type));
    }
    return jars;
  }

  /** The jar a class was loaded from (a test's class path lists jars, not directories, for these). */
  public static Path jarOf(Class<?> type) {
    try {
      Path jar = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (!jar.toString().endsWith(".jar")) {
        throw new IllegalStateException(type.getName() + " comes from " + jar + ", not a jar");
      }
      return jar;
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Where the function's code is. {@link #TASK_ROOT} is a zip function on Lambda;
   * {@link #CLASS_PATH} puts the package's jars on the JVM's class path instead (as a container
   * image may), which an application class-data-sharing archive needs: the JVM archives classes
   * from jars on its class path, not from directories or the runtime client's class loader.
   */
  public enum Layout { TASK_ROOT, CLASS_PATH }

  /** The function's package first, then the runtime client's jars. */
  public static String classPath(List<Path> functionPackage) {
    List<String> entries = new ArrayList<>();
    functionPackage.forEach(p -> entries.add(p.toAbsolutePath().toString()));
    runtimeClientJars().forEach(p -> entries.add(p.toString()));
    return String.join(File.pathSeparator, entries);
  }

  /**
   * The runtime client's JNI library for this machine, unpacked into {@code directory}.
   * Each caller gets its own copy: by default every runtime client unpacks it to the same
   * /tmp/.libaws-lambda-jni.so, which JVMs starting together overwrite.
   */
  public static Path nativeLibrary(Path directory) throws IOException {
    String arch = System.getProperty("os.arch");
    String name = arch.equals("aarch64") ? "linux-aarch_64" : "linux-x86_64";
    Path target = directory.resolve("libaws-lambda-jni." + name + ".so");
    try (InputStream in = AWSLambda.class.getResourceAsStream("/jni/libaws-lambda-jni." + name + ".so")) {
      if (in == null) {
        throw new IllegalStateException("no JNI library for " + name + " in the runtime client jar");
      }
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
    return target.toAbsolutePath();
  }

  /**
   * A runtime for {@code handler}, not yet started: the JVM options, the class path, the
   * template's environment and the variables Lambda sets, then {@code overrides} (the table,
   * the DynamoDB endpoint). The process starts in its own empty task root under {@code work}:
   * the managed runtime unpacks the package there, and the client adds that directory to the
   * handler's class loader.
   *
   * @param extraJvmOptions after Lambda's own (a benchmark's GC log, say)
   */
  public static ProcessBuilder builder(String functionName, String handler, List<Path> functionPackage,
      RuntimeApiStandIn api, Path jni, Path work, List<String> extraJvmOptions,
      Map<String, String> overrides) throws IOException {
    return builder(functionName, handler, functionPackage, Layout.TASK_ROOT, api, jni, work, extraJvmOptions, overrides);
  }

  public static ProcessBuilder builder(String functionName, String handler, List<Path> functionPackage,
      Layout layout, RuntimeApiStandIn api, Path jni, Path work, List<String> extraJvmOptions,
      Map<String, String> overrides) throws IOException {
    Path taskRoot = work.resolve(functionName + "-task");
    if (layout == Layout.TASK_ROOT) {
      unpack(functionPackage, taskRoot);
    } else {
      Files.createDirectories(taskRoot);
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_OPTIONS);
    command.addAll(extraJvmOptions);
    command.add("-Dcom.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI=" + jni);
    command.add("-cp");
    command.add(classPath(layout == Layout.TASK_ROOT ? List.of() : functionPackage));
    command.add(AWSLambda.class.getName());
    command.add(handler);
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(taskRoot.toFile())
        .redirectOutput(work.resolve(functionName + ".out").toFile())
        .redirectError(work.resolve(functionName + ".err").toFile());
    Map<String, String> env = builder.environment();
    env.clear();
    env.putAll(templateEnvironment(SamTemplate.load()));
    env.putAll(Map.ofEntries(
        Map.entry("AWS_LAMBDA_RUNTIME_API", api.address()),
        Map.entry("_HANDLER", handler),
        Map.entry("LAMBDA_TASK_ROOT", taskRoot.toAbsolutePath().toString()),
        Map.entry("LAMBDA_RUNTIME_DIR", taskRoot.toAbsolutePath().toString()),
        Map.entry("AWS_EXECUTION_ENV", "AWS_Lambda_java21"),
        Map.entry("AWS_LAMBDA_FUNCTION_NAME", functionName),
        Map.entry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024"),
        Map.entry("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST"),
        Map.entry("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand"),
        Map.entry("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + functionName),
        Map.entry("AWS_LAMBDA_LOG_STREAM_NAME", "2026/11/26/[$LATEST]" + UUID.randomUUID().toString().replace("-", "")),
        Map.entry("AWS_REGION", "eu-central-1"),
        Map.entry("AWS_DEFAULT_REGION", "eu-central-1"),
        // The execution role's keys, as Lambda puts them in the environment (dynalite takes any)
        Map.entry("AWS_ACCESS_KEY_ID", "ASIAEXAMPLEEXAMPLE01"),
        Map.entry("AWS_SECRET_ACCESS_KEY", "example-secret"),
        Map.entry("AWS_SESSION_TOKEN", "example-session-token"),
        Map.entry("TZ", ":UTC"),
        Map.entry("LANG", "en_US.UTF-8")));
    env.putAll(overrides);
    return builder;
  }

  /**
   * The package's jars unpacked into {@code taskRoot}, in order (a later jar's file does not
   * replace an earlier one's). Kept between runs while the jars are unchanged: a marker file
   * names their paths, sizes and modification times.
   */
  static void unpack(List<Path> functionPackage, Path taskRoot) throws IOException {
    StringBuilder stamp = new StringBuilder();
    for (Path jar : functionPackage) {
      stamp.append(jar.toAbsolutePath()).append(' ').append(Files.size(jar)).append(' ')
          .append(Files.getLastModifiedTime(jar).toMillis()).append('\n');
    }
    Path marker = taskRoot.resolve(".unpacked-from");
    if (Files.isRegularFile(marker) && Files.readString(marker).equals(stamp.toString())) {
      return;
    }
    if (Files.exists(taskRoot)) {
      try (var paths = Files.walk(taskRoot)) {
        for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
    Files.createDirectories(taskRoot);
    for (Path jar : functionPackage) {
      try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
        for (var entries = zip.entries(); entries.hasMoreElements(); ) {
          java.util.zip.ZipEntry entry = entries.nextElement();
          Path target = taskRoot.resolve(entry.getName()).normalize();
          if (!target.startsWith(taskRoot)) {
            throw new IOException("entry outside the task root: " + entry.getName());
          }
          if (entry.isDirectory()) {
            Files.createDirectories(target);
          } else if (!Files.exists(target)) {
            Files.createDirectories(target.getParent());
            try (InputStream in = zip.getInputStream(entry)) {
              Files.copy(in, target);
            }
          }
        }
      }
    }
    Files.writeString(marker, stamp);
  }

  /**
   * The template's {@code Globals.Function.Environment}: parameters at their defaults; a
   * conditional value ({@code Fn::If}) is left out: it depends on what the stack holds (the
   * distribution's domain, whether there is one), which a local run has not, so the code's own
   * default applies.
   */
  public static Map<String, String> templateEnvironment(SamTemplate template) {
    Map<String, Object> globals = SamTemplate.map(SamTemplate.map(template.root().get("Globals")).get("Function"));
    Map<String, Object> variables = SamTemplate.map(SamTemplate.map(globals.get("Environment")).get("Variables"));
    Map<String, Object> parameters = SamTemplate.map(template.root().get("Parameters"));
    Map<String, String> env = new LinkedHashMap<>();
    variables.forEach((name, value) -> {
      if (value instanceof String s) {
        env.put(name, s);
      } else if (value instanceof Map<?, ?> m && m.get("Ref") instanceof String ref && parameters.containsKey(ref)) {
        env.put(name, String.valueOf(SamTemplate.map(parameters.get(ref)).get("Default")));
      }
    });
    return env;
  }

  /** The handler {@code template.yaml} names for an API Gateway route key ({@code "GET /feed.rss"}). */
  public static String handlerFor(String routeKey) {
    SamTemplate template = SamTemplate.load();
    return template.functions().entrySet().stream()
        .filter(f -> template.routes(f.getKey()).contains(routeKey))
        .map(f -> (String) f.getValue().get("Handler")).findFirst()
        .orElseThrow(() -> new IllegalStateException("template.yaml routes no function for " + routeKey));
  }
}
