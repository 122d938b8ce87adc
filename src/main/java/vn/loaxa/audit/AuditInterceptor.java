package vn.loaxa.audit;

import java.io.InputStream;
import java.io.Reader;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.expression.BeanFactoryResolver;
import org.springframework.context.expression.MethodBasedEvaluationContext;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.Ordered;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.Expression;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.SpelEvaluationException;
import org.springframework.expression.spel.SpelMessage;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.AnnotationTransactionAttributeSource;
import org.springframework.transaction.interceptor.TransactionAttributeSource;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.multipart.MultipartFile;

import vn.loaxa.audit.AuditRecords.Entry;

/**
 * Writes the audit row of each {@link Audited} method a person calls. Runs inside method security
 * (a refused call writes nothing) and outside the method's own transaction: for a method with a
 * write transaction it opens that transaction itself (the method's {@code @Transactional} then
 * joins it), takes the snapshot, lets the method run, and appends the row before the commit, so the
 * change and its row commit together or not at all. A method without a transaction (one that
 * decodes audio or runs a test on the sound card first) gets its row right after it returns.
 */
final class AuditInterceptor implements MethodInterceptor {

    /** After method security (which runs first, at small orders), before {@code @Transactional} (lowest). */
    static final int ORDER = Ordered.LOWEST_PRECEDENCE - 100;

    /**
     * Names the station itself acts under: their calls are not a person's. Users cannot take these names.
     * "system" is the name security's {@code CurrentUser} gives the station's own actions; audit stands
     * below security (security's services are audited), so it names it by value.
     */
    static final Set<String> MACHINE_ACTORS = Set.of("system", "seed");

    /** The outermost audited call on this thread; inner audited calls report to it. */
    private static final ThreadLocal<@Nullable Root> ROOT = new ThreadLocal<>();

    private final ObjectProvider<AuditTrail> trail;
    private final ObjectProvider<PlatformTransactionManager> transactions;
    private final BeanFactory beans;
    private final TransactionAttributeSource transactionAttributes = new AnnotationTransactionAttributeSource();
    private final SpelExpressionParser parser = new SpelExpressionParser();
    private final Map<String, Expression> expressions = new ConcurrentHashMap<>();
    private final ParameterNameDiscoverer parameterNames = new DefaultParameterNameDiscoverer();

    AuditInterceptor(ObjectProvider<AuditTrail> trail, ObjectProvider<PlatformTransactionManager> transactions,
                     BeanFactory beans) {
        this.trail = trail;
        this.transactions = transactions;
        this.beans = beans;
    }

    /** The outermost call's row, and what inner calls did that is committed. */
    private static final class Root {
        final boolean transactional;
        final List<String> included = new ArrayList<>();
        /** Inner calls' own rows, written only if the outer call fails after they were committed. */
        final List<Entry> committed = new ArrayList<>();

        Root(boolean transactional) {
            this.transactional = transactional;
        }

        void add(Entry e) {
            included.add(summary(e));
            committed.add(e);
        }
    }

    /** One line for an inner call in its outer call's row: "AUDIO_IMPORTED ASSET #4 Bản tin". */
    private static String summary(Entry e) {
        return e.action() + (e.targetKind() == null ? "" : " " + e.targetKind())
                + (e.targetId() == null ? "" : " #" + e.targetId())
                + (e.targetName() == null ? "" : " " + e.targetName());
    }

    @Override
    public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
        var target = invocation.getThis();
        Class<?> targetClass = target == null ? invocation.getMethod().getDeclaringClass()
                : AopUtils.getTargetClass(target);
        Method method = AopUtils.getMostSpecificMethod(invocation.getMethod(), targetClass);
        var audited = AnnotatedElementUtils.findMergedAnnotation(method, Audited.class);
        var actor = actor();
        if (audited == null || actor == null) {
            return invocation.proceed();
        }
        var root = ROOT.get();
        if (root != null) {
            return inner(invocation, method, target, audited, actor, root);
        }
        var attribute = transactionAttributes.getTransactionAttribute(method, targetClass);
        boolean transactional = attribute != null && !attribute.isReadOnly()
                && attribute.getPropagationBehavior() != TransactionDefinition.PROPAGATION_NOT_SUPPORTED
                && attribute.getPropagationBehavior() != TransactionDefinition.PROPAGATION_NEVER;
        var mine = new Root(transactional);
        ROOT.set(mine);
        try {
            return transactional ? inTransaction(invocation, method, target, audited, actor, mine,
                    java.util.Objects.requireNonNull(attribute))
                    : afterwards(invocation, method, target, audited, actor, mine);
        } finally {
            ROOT.remove();
        }
    }

    /** The person acting (the signed-in name), or null when it is the station itself. */
    static @Nullable String actor() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken
                || auth.getName() == null || auth.getName().isBlank()) {
            return null;
        }
        return MACHINE_ACTORS.contains(auth.getName().toLowerCase(Locale.ROOT)) ? null : auth.getName();
    }

    private @Nullable Object inTransaction(MethodInvocation invocation, Method method, @Nullable Object target,
                                           Audited audited, String actor, Root root, TransactionDefinition attribute)
            throws Throwable {
        var manager = transactions.getObject();
        var status = manager.getTransaction(attribute);
        Object result;
        try {
            var context = context(method, invocation.getArguments(), target);
            var before = snapshot(audited, context);
            result = invocation.proceed();
            trail.getObject().append(entry(audited, method, invocation.getArguments(), context, actor, before,
                    result, root.included));
        } catch (Throwable e) {
            // Whatever the exception, an audited change that fails is undone: it must not stay without its row.
            manager.rollback(status);
            throw e;
        }
        manager.commit(status);
        return result;
    }

    private @Nullable Object afterwards(MethodInvocation invocation, Method method, @Nullable Object target,
                                        Audited audited, String actor, Root root) throws Throwable {
        var context = context(method, invocation.getArguments(), target);
        var before = snapshot(audited, context);
        Object result;
        try {
            result = invocation.proceed();
        } catch (Throwable e) {
            // The whole failed, but what inner calls committed on the way stays done: each gets its row.
            root.committed.forEach(trail.getObject()::appendAfter);
            throw e;
        }
        trail.getObject().appendAfter(entry(audited, method, invocation.getArguments(), context, actor, before,
                result, root.included));
        return result;
    }

    /** An audited call inside another: its row becomes a line of the outer one once it is committed. */
    private @Nullable Object inner(MethodInvocation invocation, Method method, @Nullable Object target,
                                   Audited audited, String actor, Root root) throws Throwable {
        var context = context(method, invocation.getArguments(), target);
        var before = snapshot(audited, context);
        var result = invocation.proceed();
        var entry = entry(audited, method, invocation.getArguments(), context, actor, before, result, List.of());
        if (root.transactional || !TransactionSynchronizationManager.isSynchronizationActive()) {
            // In the outer call's transaction (committed with its row), or already committed.
            root.add(entry);
        } else {
            // In a transaction the outer call opened without being transactional itself: counts once committed.
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status == STATUS_COMMITTED) {
                        root.add(entry);
                    }
                }
            });
        }
        return result;
    }

    private Entry entry(Audited audited, Method method, @Nullable Object[] args, MethodBasedEvaluationContext context,
                        String actor, @Nullable Object before, @Nullable Object result, List<String> included) {
        context.setVariable("result", result);
        context.setVariable("before", before);
        boolean hasSnapshot = !audited.snapshot().isBlank();
        var after = hasSnapshot ? evaluate(audited.snapshot(), context) : null;
        Object id = audited.id().isBlank() ? defaultId(method, args, result, after, before)
                : evaluate(audited.id(), context);
        Object name = audited.name().isBlank() ? defaultName(after, result, before) : evaluate(audited.name(), context);
        Object extra = !audited.details().isBlank() ? evaluate(audited.details(), context)
                : hasSnapshot ? null : parameters(method, args);
        var origin = AuditOrigin.current();
        var own = new Entry(actor, audited.value(), audited.target().isBlank() ? null : audited.target(),
                id == null ? null : id.toString(), name == null ? null : name.toString(), null, origin.address(),
                origin.via());
        // An inner call doing what this one says it did (a village's name through its addresses) is no news.
        var others = included.stream().filter(line -> !line.equals(summary(own))).toList();
        return new Entry(own.actor(), own.action(), own.targetKind(), own.targetId(), own.targetName(),
                Snapshots.details(before, after, hasSnapshot, extra, others), own.clientAddress(), own.via());
    }

    private MethodBasedEvaluationContext context(Method method, @Nullable Object[] args, @Nullable Object target) {
        var context = new MethodBasedEvaluationContext(target, method, args, parameterNames);
        context.setBeanResolver(new BeanFactoryResolver(beans));
        return context;
    }

    private @Nullable Object snapshot(Audited audited, EvaluationContext context) {
        return audited.snapshot().isBlank() ? null : evaluate(audited.snapshot(), context);
    }

    /**
     * The expression's value, or null when what it reads is not there (a removed target, a result
     * that is null); an expression that cannot work at all is a bug and fails loudly.
     */
    private @Nullable Object evaluate(String expression, EvaluationContext context) {
        Expression parsed;
        try {
            parsed = expressions.computeIfAbsent(expression, parser::parseExpression);
        } catch (ParseException e) {
            throw new IllegalStateException("Bad @Audited expression '" + expression + "': " + e.getMessage(), e);
        }
        try {
            return parsed.getValue(context);
        } catch (SpelEvaluationException e) {
            var code = e.getMessageCode();
            if (code == SpelMessage.METHOD_CALL_ON_NULL_OBJECT_NOT_ALLOWED
                    || code == SpelMessage.PROPERTY_OR_FIELD_NOT_READABLE_ON_NULL
                    || code == SpelMessage.EXCEPTION_DURING_METHOD_INVOCATION) {
                return null;
            }
            throw new IllegalStateException("Bad @Audited expression '" + expression + "': " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // The method it calls refused (an unknown id: the target was removed).
            return null;
        }
    }

    private static @Nullable Object defaultId(Method method, @Nullable Object[] args, @Nullable Object result,
                                              @Nullable Object after, @Nullable Object before) {
        var fromResult = accessor(result, "id");
        if (fromResult != null) {
            return fromResult;
        }
        var names = method.getParameters();
        for (int i = 0; i < names.length; i++) {
            if (names[i].getName().equals("id") && args[i] != null) {
                return args[i];
            }
        }
        var fromAfter = accessor(after, "id");
        return fromAfter != null ? fromAfter : accessor(before, "id");
    }

    private static @Nullable Object defaultName(@Nullable Object after, @Nullable Object result,
                                                @Nullable Object before) {
        for (var source : new @Nullable Object[] {after, result, before}) {
            for (var property : List.of("title", "name", "username", "villageName")) {
                var v = accessor(source, property);
                if (v != null) {
                    return v;
                }
            }
        }
        return null;
    }

    /** A record component's value, or null when there is no such component. */
    private static @Nullable Object accessor(@Nullable Object source, String name) {
        if (!(source instanceof Record r)) {
            return null;
        }
        for (var c : r.getClass().getRecordComponents()) {
            if (c.getName().equals(name)) {
                try {
                    var a = c.getAccessor();
                    a.setAccessible(true);
                    return a.invoke(r);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** The parameters worth recording: no streams or uploads, nothing named like a password or secret. */
    private static Map<String, @Nullable Object> parameters(Method method, @Nullable Object[] args) {
        var out = new LinkedHashMap<String, @Nullable Object>();
        var params = method.getParameters();
        for (int i = 0; i < params.length; i++) {
            var v = args[i];
            if (Snapshots.secret(params[i].getName()) || v instanceof InputStream || v instanceof Reader
                    || v instanceof MultipartFile || v instanceof byte[]) {
                continue;
            }
            out.put(params[i].getName(), v);
        }
        return out;
    }
}
