package vn.loaxa.audit;

import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The advisor that audits {@link Audited} methods. An infrastructure bean, so the proxy creator
 * that method security and transactions already use applies it too (one proxy per service); its
 * collaborators are looked up on first use, so it does not pull the services in early.
 */
@Configuration(proxyBeanMethods = false)
class AuditConfig {

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor auditAdvisor(ObjectProvider<AuditTrail> trail, ObjectProvider<PlatformTransactionManager> transactions,
                                BeanFactory beans) {
        var advisor = new DefaultPointcutAdvisor(AnnotationMatchingPointcut.forMethodAnnotation(Audited.class),
                new AuditInterceptor(trail, transactions, beans));
        advisor.setOrder(AuditInterceptor.ORDER);
        return advisor;
    }
}
